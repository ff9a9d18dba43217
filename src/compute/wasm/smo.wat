;; The SMO solver of svm/solver.ts (libsvm's C-SVC: second-order working-set selection,
;; shrinking, gradient reconstruction), step for step and operation for operation, so
;; that it finds the same bits: float32 Q values, float64 gradients, the same ties.
;; It runs compiled from the first pair of the first fit: the JavaScript solver spent
;; most of a process's first fit being compiled by V8 while it ran.
;;
;; Q is held whole, l rows of `rowLen` floats (rows filled when first used, from a
;; kernel matrix in this memory or by the imported `fill(position)`); shrinking's swaps move rows and columns, as the
;; JavaScript cache's swaps do. Every array is indexed by position (libsvm's order after
;; swaps). p_i = −1 for every sample (the C-SVC's linear term), so it is not stored.
;;
;; Layout (byte offsets set by `setup`): Q (f32, l × rowLen), QD, G, Gbar, alpha (f64),
;; active, samples, filled, status (i32), y (i8, ±1), and three i64 masks of rowLen
;; entries each for the selection. Arrays read two at a time have room for one entry past l.
(module
  (import "env" "fill" (func $fillRow (param i32)))
  (memory (export "memory") 1)
  (global $l (mut i32) (i32.const 0))
  (global $n (mut i32) (i32.const 0))          ;; the active set's size
  (global $rowBytes (mut i32) (i32.const 0))
  (global $q (mut i32) (i32.const 0))
  (global $qd (mut i32) (i32.const 0))
  (global $g (mut i32) (i32.const 0))
  (global $gbar (mut i32) (i32.const 0))
  (global $a (mut i32) (i32.const 0))
  (global $act (mut i32) (i32.const 0))
  (global $smp (mut i32) (i32.const 0))
  (global $fl (mut i32) (i32.const 0))
  (global $st (mut i32) (i32.const 0))
  (global $y (mut i32) (i32.const 0))
  (global $mup (mut i32) (i32.const 0))       ;; i64 masks: all ones where the position is in I_up
  (global $mlow (mut i32) (i32.const 0))      ;; the same for I_low
  (global $mflip (mut i32) (i32.const 0))     ;; the sign bit where y = −1
  (global $cp (mut f64) (f64.const 0))
  (global $cn (mut f64) (f64.const 0))
  (global $tol (mut f64) (f64.const 0))
  (global $unshrink (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))         ;; the kernel matrix in this memory (f32, kn × kn), if kn > 0
  (global $kn (mut i32) (i32.const 0))
  (global $iReady (mut i32) (i32.const 0))    ;; whether $iNext and $gmaxNext hold the next i
  (global $iNext (mut i32) (i32.const 0))
  (global $gmaxNext (mut f64) (f64.const 0))
  (global $wi (mut i32) (i32.const 0))        ;; the working set chosen by $select
  (global $wj (mut i32) (i32.const 0))

  ;; status values, as in solver.ts
  ;; LOWER 0, UPPER 1, FREE 2

  (func (export "setup")
    (param $l i32) (param $rowBytes i32) (param $q i32) (param $qd i32) (param $g i32) (param $gbar i32)
    (param $a i32) (param $act i32) (param $smp i32) (param $fl i32) (param $st i32) (param $y i32)
    (param $masks i32) (param $k i32) (param $kn i32) (param $cp f64) (param $cn f64) (param $tol f64)
    (local $i i32)
    (global.set $k (local.get $k))
    (global.set $kn (local.get $kn))
    (global.set $l (local.get $l))
    (global.set $n (local.get $l))
    (global.set $rowBytes (local.get $rowBytes))
    (global.set $q (local.get $q))
    (global.set $qd (local.get $qd))
    (global.set $g (local.get $g))
    (global.set $gbar (local.get $gbar))
    (global.set $a (local.get $a))
    (global.set $act (local.get $act))
    (global.set $smp (local.get $smp))
    (global.set $fl (local.get $fl))
    (global.set $st (local.get $st))
    (global.set $y (local.get $y))
    (global.set $mup (local.get $masks))
    ;; each mask array holds rowLen = rowBytes / 4 entries of 8 bytes
    (global.set $mlow (i32.add (local.get $masks) (i32.shl (local.get $rowBytes) (i32.const 1))))
    (global.set $mflip (i32.add (local.get $masks) (i32.shl (local.get $rowBytes) (i32.const 2))))
    (global.set $cp (local.get $cp))
    (global.set $cn (local.get $cn))
    (global.set $tol (local.get $tol))
    (global.set $unshrink (i32.const 0))
    (global.set $iReady (i32.const 0))
    ;; α = 0 (status LOWER), G = p = −1, Gbar = 0, active[i] = i, no row filled
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $l)))
        (f64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))) (f64.const 0))
        (f64.store (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 3))) (f64.const -1))
        (f64.store (i32.add (local.get $gbar) (i32.shl (local.get $i) (i32.const 3))) (f64.const 0))
        (i32.store (i32.add (local.get $act) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
        (i32.store (i32.add (local.get $fl) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0))
        (i32.store (i32.add (local.get $st) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0))
        (call $setMasks (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func (export "activeSize") (result i32) (global.get $n))

  ;; After the iteration limit: the gradient of every sample, as the solver's end needs it.
  (func (export "unshrinkAll")
    (call $reconstruct)
    (global.set $n (global.get $l)))

  ;; ---- element access ----
  (func $G (param $i i32) (result f64)
    (f64.load (i32.add (global.get $g) (i32.shl (local.get $i) (i32.const 3)))))
  (func $QD (param $i i32) (result f64)
    (f64.load (i32.add (global.get $qd) (i32.shl (local.get $i) (i32.const 3)))))
  (func $alpha (param $i i32) (result f64)
    (f64.load (i32.add (global.get $a) (i32.shl (local.get $i) (i32.const 3)))))
  (func $setAlpha (param $i i32) (param $v f64)
    (f64.store (i32.add (global.get $a) (i32.shl (local.get $i) (i32.const 3))) (local.get $v)))
  (func $status (param $i i32) (result i32)
    (i32.load (i32.add (global.get $st) (i32.shl (local.get $i) (i32.const 2)))))
  (func $yOf (param $i i32) (result i32)
    (i32.load8_s (i32.add (global.get $y) (local.get $i))))
  ;; C_i: Cp for the +1 samples, Cn for the −1 samples
  (func $C (param $i i32) (result f64)
    (select (global.get $cp) (global.get $cn) (i32.gt_s (call $yOf (local.get $i)) (i32.const 0))))

  ;; The address of row i of Q, filled first if it is not yet.
  ;; From the kernel matrix in this memory, or else from the imported `fill`.
  (func $row (param $i i32) (result i32)
    (local $f i32) (local $dst i32)
    (local.set $f (i32.add (global.get $fl) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $dst (i32.add (global.get $q) (i32.mul (local.get $i) (global.get $rowBytes))))
    (if (i32.eqz (i32.load (local.get $f)))
      (then
        (if (global.get $kn)
          (then (call $gather (local.get $i) (local.get $dst)))
          (else (call $fillRow (local.get $i))))
        (i32.store (local.get $f) (i32.const 1))))
    (local.get $dst))

  ;; Row i of Q from the kernel matrix: Q[i][k] = (y_i·y_k)·K[samples_i][samples_k], exact
  ;; in float32 as the JavaScript's double product rounded to float32 (a product by ±1).
  (func $gather (param $i i32) (param $dst i32)
    (local $src i32) (local $yi f32) (local $t i32) (local $l i32)
    (local.set $l (global.get $l))
    (local.set $src (i32.add (global.get $k)
      (i32.shl (i32.mul (i32.load (i32.add (global.get $smp) (i32.shl (local.get $i) (i32.const 2)))) (global.get $kn)) (i32.const 2))))
    (local.set $yi (f32.convert_i32_s (i32.load8_s (i32.add (global.get $y) (local.get $i)))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $l)))
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 2)))
          (f32.mul
            (f32.mul (local.get $yi) (f32.convert_i32_s (i32.load8_s (i32.add (global.get $y) (local.get $t)))))
            (f32.load (i32.add (local.get $src)
              (i32.shl (i32.load (i32.add (global.get $smp) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next))))

  (func $updateStatus (param $i i32)
    (local $v f64)
    (local.set $v (call $alpha (local.get $i)))
    (i32.store (i32.add (global.get $st) (i32.shl (local.get $i) (i32.const 2)))
      (if (result i32) (f64.ge (local.get $v) (call $C (local.get $i)))
        (then (i32.const 1))
        (else (select (i32.const 0) (i32.const 2) (f64.le (local.get $v) (f64.const 0)))))))

  ;; Gbar[k] += c · Q_i[k] for every k < l.
  (func $addToGbar (param $i i32) (param $c f64)
    (local $qi i32) (local $k i32) (local $p i32)
    (local.set $qi (call $row (local.get $i)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (global.get $l)))
        (local.set $p (i32.add (global.get $gbar) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p))
            (f64.mul (local.get $c) (f64.promote_f32 (f32.load (i32.add (local.get $qi) (i32.shl (local.get $k) (i32.const 2))))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; Second-order working-set selection (WSS3) on the active set: sets $wi, $wj; 0 when
  ;; the maximal violation is below the tolerance. Two positions at a time (even ones in
  ;; lane 0, odd ones in lane 1), each lane keeping its best value and the last position
  ;; that reached it; the lanes are then merged the same way, which gives the sequential
  ;; loop's answer: the last position of the best value (the solver's `>=` and `<=`).
  ;; The arithmetic per position is the JavaScript's, in the same order.
  (func $select (result i32)
    (local $n i32) (local $t i32) (local $o i32) (local $p i32)
    (local $idx v128) (local $nv v128) (local $valid v128) (local $w v128) (local $v v128) (local $m v128)
    (local $best v128) (local $bestIdx v128) (local $gmax2 v128) (local $gd v128) (local $quad v128) (local $obj v128)
    (local $flip v128) (local $low v128) (local $gmaxV v128) (local $qdiV v128) (local $s2 v128)
    (local $b0 f64) (local $b1 f64) (local $i0 i32) (local $i1 i32) (local $iBest i32) (local $jBest i32)
    (local $gmax f64) (local $qi i32)
    (local.set $n (global.get $n))
    (local.set $nv (i64x2.splat (i64.extend_i32_u (local.get $n))))
    ;; i: the largest −y_t·G_t over I_up (y_t = +1 below C, or y_t = −1 above 0); found by
    ;; $updateG as it updated G, unless the active set changed since
    (if (global.get $iReady)
      (then
        (local.set $iBest (global.get $iNext))
        (local.set $gmax (global.get $gmaxNext)))
      (else
        (local.set $idx (v128.const i64x2 0 1))
        (local.set $best (v128.const f64x2 -inf -inf))
        (local.set $bestIdx (v128.const i64x2 -1 -1))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
            (local.set $o (i32.shl (local.get $t) (i32.const 3)))
            (local.set $valid (i64x2.lt_s (local.get $idx) (local.get $nv)))
            ;; −y_t·G_t: G_t with its sign flipped for y_t = +1 (exact)
            (local.set $v (v128.xor (v128.xor (v128.load (i32.add (global.get $g) (local.get $o)))
                                              (v128.load (i32.add (global.get $mflip) (local.get $o))))
                                    (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
            (local.set $m (v128.and (v128.and (v128.load (i32.add (global.get $mup) (local.get $o))) (local.get $valid))
                                    (f64x2.ge (local.get $v) (local.get $best))))
            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
            (local.set $bestIdx (v128.bitselect (local.get $idx) (local.get $bestIdx) (local.get $m)))
            (local.set $idx (i64x2.add (local.get $idx) (v128.const i64x2 2 2)))
            (local.set $t (i32.add (local.get $t) (i32.const 2)))
            (br $next)))
        (local.set $b0 (f64x2.extract_lane 0 (local.get $best)))
        (local.set $b1 (f64x2.extract_lane 1 (local.get $best)))
        (local.set $i0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $bestIdx))))
        (local.set $i1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $bestIdx))))
        (if (f64.gt (local.get $b1) (local.get $b0))
          (then (local.set $iBest (local.get $i1)) (local.set $gmax (local.get $b1)))
          (else
            (if (f64.gt (local.get $b0) (local.get $b1))
              (then (local.set $iBest (local.get $i0)) (local.set $gmax (local.get $b0)))
              (else
                ;; a tie (or no candidate in either lane: both −1): the later position
                (if (i32.gt_s (local.get $i1) (local.get $i0))
                  (then (local.set $iBest (local.get $i1)) (local.set $gmax (local.get $b1)))
                  (else (local.set $iBest (local.get $i0)) (local.set $gmax (local.get $b0))))))))))
    (global.set $iReady (i32.const 0))
    ;; No i: every gradDiff is −∞ and no j is found.
    (if (i32.lt_s (local.get $iBest) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $qi (call $row (local.get $iBest)))
    (local.set $qdiV (f64x2.splat (f64.load (i32.add (global.get $qd) (i32.shl (local.get $iBest) (i32.const 3))))))
    (local.set $s2 (f64x2.splat (f64.convert_i32_s (i32.shl (i32.load8_s (i32.add (global.get $y) (local.get $iBest))) (i32.const 1)))))
    (local.set $gmaxV (f64x2.splat (local.get $gmax)))
    ;; j: the smallest −gradDiff²/quad over I_low with gradDiff = Gmax + y_t·G_t > 0
    (local.set $idx (v128.const i64x2 0 1))
    (local.set $best (v128.const f64x2 inf inf))
    (local.set $bestIdx (v128.const i64x2 -1 -1))
    (local.set $gmax2 (v128.const f64x2 -inf -inf))
    (local.set $t (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $o (i32.shl (local.get $t) (i32.const 3)))
        (local.set $valid (i64x2.lt_s (local.get $idx) (local.get $nv)))
        (local.set $low (v128.and (v128.load (i32.add (global.get $mlow) (local.get $o))) (local.get $valid)))
        (local.set $flip (v128.load (i32.add (global.get $mflip) (local.get $o))))
        ;; y_t·G_t (exact)
        (local.set $w (v128.xor (v128.load (i32.add (global.get $g) (local.get $o))) (local.get $flip)))
        (local.set $gmax2 (v128.bitselect (local.get $w) (local.get $gmax2)
          (v128.and (local.get $low) (f64x2.ge (local.get $w) (local.get $gmax2)))))
        ;; Gmax + G_t for y_t = +1, Gmax − G_t for y_t = −1
        (local.set $gd (f64x2.add (local.get $gmaxV) (local.get $w)))
        ;; (QD_i + QD_t) − (2·y_i)·Q_i[t] for y_t = +1, + for y_t = −1 (a − b is a + (−b), bit for bit)
        (local.set $quad (f64x2.sub
          (f64x2.add (local.get $qdiV) (v128.load (i32.add (global.get $qd) (local.get $o))))
          (v128.xor (local.get $flip)
            (f64x2.mul (local.get $s2)
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $qi) (i32.shl (local.get $t) (i32.const 2)))))))))
        (local.set $obj (f64x2.div
          (f64x2.neg (f64x2.mul (local.get $gd) (local.get $gd)))
          (v128.bitselect (local.get $quad) (v128.const f64x2 1e-12 1e-12) (f64x2.gt (local.get $quad) (v128.const f64x2 0 0)))))
        (local.set $m (v128.and (v128.and (local.get $low) (f64x2.gt (local.get $gd) (v128.const f64x2 0 0)))
                                (f64x2.le (local.get $obj) (local.get $best))))
        (local.set $best (v128.bitselect (local.get $obj) (local.get $best) (local.get $m)))
        (local.set $bestIdx (v128.bitselect (local.get $idx) (local.get $bestIdx) (local.get $m)))
        (local.set $idx (i64x2.add (local.get $idx) (v128.const i64x2 2 2)))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $next)))
    (local.set $b0 (f64x2.extract_lane 0 (local.get $best)))
    (local.set $b1 (f64x2.extract_lane 1 (local.get $best)))
    (local.set $i0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $bestIdx))))
    (local.set $i1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $bestIdx))))
    (local.set $jBest
      (if (result i32) (f64.lt (local.get $b1) (local.get $b0))
        (then (local.get $i1))
        (else
          (if (result i32) (f64.lt (local.get $b0) (local.get $b1))
            (then (local.get $i0))
            (else (select (local.get $i1) (local.get $i0) (i32.gt_s (local.get $i1) (local.get $i0))))))))
    ;; The zero signs of Gmax2's lanes cannot change the test below.
    (if (i32.or
          (f64.lt (f64.add (local.get $gmax)
                           (f64.max (f64x2.extract_lane 0 (local.get $gmax2)) (f64x2.extract_lane 1 (local.get $gmax2))))
                  (global.get $tol))
          (i32.eq (local.get $jBest) (i32.const -1)))
      (then (return (i32.const 0))))
    (global.set $wi (local.get $iBest))
    (global.set $wj (local.get $jBest))
    (i32.const 1))

  ;; The masks $select reads for position i, from its label and status: I_up, I_low, y's sign.
  (func $setMasks (param $i i32)
    (local $o i32) (local $pos i32) (local $s i32)
    (local.set $o (i32.shl (local.get $i) (i32.const 3)))
    (local.set $pos (i32.gt_s (i32.load8_s (i32.add (global.get $y) (local.get $i))) (i32.const 0)))
    (local.set $s (i32.load (i32.add (global.get $st) (i32.shl (local.get $i) (i32.const 2)))))
    ;; I_up: y = +1 not at C, or y = −1 not at 0; I_low the other way round
    (i64.store (i32.add (global.get $mup) (local.get $o))
      (i64.extend_i32_s (i32.sub (i32.const 0)
        (select (i32.ne (local.get $s) (i32.const 1)) (i32.ne (local.get $s) (i32.const 0)) (local.get $pos)))))
    (i64.store (i32.add (global.get $mlow) (local.get $o))
      (i64.extend_i32_s (i32.sub (i32.const 0)
        (select (i32.ne (local.get $s) (i32.const 0)) (i32.ne (local.get $s) (i32.const 1)) (local.get $pos)))))
    (i64.store (i32.add (global.get $mflip) (local.get $o))
      (select (i64.const 0) (i64.const 0x8000000000000000) (local.get $pos))))

  (func $beShrunk (param $i i32) (param $gmax1 f64) (param $gmax2 f64) (result i32)
    (local $s i32) (local $gi f64) (local $pos i32)
    (local.set $s (call $status (local.get $i)))
    (local.set $gi (call $G (local.get $i)))
    (local.set $pos (i32.gt_s (call $yOf (local.get $i)) (i32.const 0)))
    (if (i32.eq (local.get $s) (i32.const 1))
      (then
        (return (f64.gt (f64.neg (local.get $gi)) (select (local.get $gmax1) (local.get $gmax2) (local.get $pos))))))
    (if (i32.eqz (local.get $s))
      (then
        (return (f64.gt (local.get $gi) (select (local.get $gmax2) (local.get $gmax1) (local.get $pos))))))
    (i32.const 0))

  (func $swap8 (param $base i32) (param $i i32) (param $j i32)
    (local $pi i32) (local $pj i32) (local $t i64)
    (local.set $pi (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $pj (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $t (i64.load (local.get $pi)))
    (i64.store (local.get $pi) (i64.load (local.get $pj)))
    (i64.store (local.get $pj) (local.get $t)))
  (func $swap4 (param $base i32) (param $i i32) (param $j i32)
    (local $pi i32) (local $pj i32) (local $t i32)
    (local.set $pi (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $pj (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 2))))
    (local.set $t (i32.load (local.get $pi)))
    (i32.store (local.get $pi) (i32.load (local.get $pj)))
    (i32.store (local.get $pj) (local.get $t)))

  ;; Swaps positions i and j everywhere: Q's rows and columns, and every array.
  (func $swapIndex (param $i i32) (param $j i32)
    (local $ri i32) (local $rj i32) (local $k i32) (local $t i32) (local $r i32)
    (local.set $ri (i32.add (global.get $q) (i32.mul (local.get $i) (global.get $rowBytes))))
    (local.set $rj (i32.add (global.get $q) (i32.mul (local.get $j) (global.get $rowBytes))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (global.get $rowBytes)))
        (local.set $t (i32.load (i32.add (local.get $ri) (local.get $k))))
        (i32.store (i32.add (local.get $ri) (local.get $k)) (i32.load (i32.add (local.get $rj) (local.get $k))))
        (i32.store (i32.add (local.get $rj) (local.get $k)) (local.get $t))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $next)))
    (local.set $k (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (global.get $l)))
        (call $swap4 (i32.add (global.get $q) (i32.mul (local.get $k) (global.get $rowBytes))) (local.get $i) (local.get $j))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (call $swap8 (global.get $qd) (local.get $i) (local.get $j))
    (call $swap8 (global.get $g) (local.get $i) (local.get $j))
    (call $swap8 (global.get $gbar) (local.get $i) (local.get $j))
    (call $swap8 (global.get $a) (local.get $i) (local.get $j))
    (call $swap4 (global.get $act) (local.get $i) (local.get $j))
    (call $swap4 (global.get $smp) (local.get $i) (local.get $j))
    (call $swap4 (global.get $fl) (local.get $i) (local.get $j))
    (call $swap4 (global.get $st) (local.get $i) (local.get $j))
    (call $swap8 (global.get $mup) (local.get $i) (local.get $j))
    (call $swap8 (global.get $mlow) (local.get $i) (local.get $j))
    (call $swap8 (global.get $mflip) (local.get $i) (local.get $j))
    ;; y: bytes
    (local.set $ri (i32.add (global.get $y) (local.get $i)))
    (local.set $rj (i32.add (global.get $y) (local.get $j)))
    (local.set $t (i32.load8_u (local.get $ri)))
    (i32.store8 (local.get $ri) (i32.load8_u (local.get $rj)))
    (i32.store8 (local.get $rj) (local.get $t)))

  ;; Rebuilds the gradient of the inactive samples from Gbar and the free α.
  (func $reconstruct
    (local $l i32) (local $n i32) (local $i i32) (local $j i32) (local $nFree i32) (local $qi i32)
    (local $sum f64) (local $ai f64) (local $p i32)
    (local.set $l (global.get $l))
    (local.set $n (global.get $n))
    (if (i32.eq (local.get $n) (local.get $l)) (then (return)))
    (local.set $j (local.get $n))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $l)))
        ;; G_j = Gbar_j + p_j, p_j = −1
        (f64.store (i32.add (global.get $g) (i32.shl (local.get $j) (i32.const 3)))
          (f64.add (f64.load (i32.add (global.get $gbar) (i32.shl (local.get $j) (i32.const 3)))) (f64.const -1)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (if (i32.eq (call $status (local.get $j)) (i32.const 2))
          (then (local.set $nFree (i32.add (local.get $nFree) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (if (i64.gt_s (i64.mul (i64.extend_i32_u (local.get $nFree)) (i64.extend_i32_u (local.get $l)))
          (i64.mul (i64.extend_i32_u (i32.shl (local.get $n) (i32.const 1))) (i64.extend_i32_u (i32.sub (local.get $l) (local.get $n)))))
      (then
        (local.set $i (local.get $n))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $l)))
            (local.set $qi (call $row (local.get $i)))
            (local.set $sum (f64.const 0))
            (local.set $j (i32.const 0))
            (block $jDone
              (loop $jNext
                (br_if $jDone (i32.ge_u (local.get $j) (local.get $n)))
                (if (i32.eq (call $status (local.get $j)) (i32.const 2))
                  (then
                    (local.set $sum (f64.add (local.get $sum)
                      (f64.mul (call $alpha (local.get $j))
                        (f64.promote_f32 (f32.load (i32.add (local.get $qi) (i32.shl (local.get $j) (i32.const 2))))))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $jNext)))
            (local.set $p (i32.add (global.get $g) (i32.shl (local.get $i) (i32.const 3))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $sum)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next))))
      (else
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (i32.eq (call $status (local.get $i)) (i32.const 2))
              (then
                (local.set $qi (call $row (local.get $i)))
                (local.set $ai (call $alpha (local.get $i)))
                (local.set $j (local.get $n))
                (block $jDone
                  (loop $jNext
                    (br_if $jDone (i32.ge_u (local.get $j) (local.get $l)))
                    (local.set $p (i32.add (global.get $g) (i32.shl (local.get $j) (i32.const 3))))
                    (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
                      (f64.mul (local.get $ai) (f64.promote_f32 (f32.load (i32.add (local.get $qi) (i32.shl (local.get $j) (i32.const 2))))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $jNext)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next))))))

  ;; Moves samples that are unlikely to change to the end of the active set.
  (func $shrink
    (local $i i32) (local $gmax1 f64) (local $gmax2 f64) (local $gi f64) (local $s i32)
    (global.set $iReady (i32.const 0))
    (local.set $gmax1 (f64.const -inf))
    (local.set $gmax2 (f64.const -inf))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $n)))
        (local.set $gi (call $G (local.get $i)))
        (local.set $s (call $status (local.get $i)))
        (if (i32.gt_s (call $yOf (local.get $i)) (i32.const 0))
          (then
            (if (i32.and (i32.ne (local.get $s) (i32.const 1)) (f64.ge (f64.neg (local.get $gi)) (local.get $gmax1)))
              (then (local.set $gmax1 (f64.neg (local.get $gi)))))
            (if (i32.and (i32.ne (local.get $s) (i32.const 0)) (f64.ge (local.get $gi) (local.get $gmax2)))
              (then (local.set $gmax2 (local.get $gi)))))
          (else
            (if (i32.and (i32.ne (local.get $s) (i32.const 1)) (f64.ge (f64.neg (local.get $gi)) (local.get $gmax2)))
              (then (local.set $gmax2 (f64.neg (local.get $gi)))))
            (if (i32.and (i32.ne (local.get $s) (i32.const 0)) (f64.ge (local.get $gi) (local.get $gmax1)))
              (then (local.set $gmax1 (local.get $gi))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.and (i32.eqz (global.get $unshrink))
          (f64.le (f64.add (local.get $gmax1) (local.get $gmax2)) (f64.mul (global.get $tol) (f64.const 10))))
      (then
        (global.set $unshrink (i32.const 1))
        (call $reconstruct)
        (global.set $n (global.get $l))))
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $n)))
        (if (call $beShrunk (local.get $i) (local.get $gmax1) (local.get $gmax2))
          (then
            (global.set $n (i32.sub (global.get $n) (i32.const 1)))
            (block $found
              (loop $back
                (br_if $found (i32.le_u (global.get $n) (local.get $i)))
                (if (i32.eqz (call $beShrunk (global.get $n) (local.get $gmax1) (local.get $gmax2)))
                  (then
                    (call $swapIndex (local.get $i) (global.get $n))
                    (br $found)))
                (global.set $n (i32.sub (global.get $n) (i32.const 1)))
                (br $back)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; G[k] += Q_i[k]·Δα_i + Q_j[k]·Δα_j over the active set (k < n), two k at a time (the same
  ;; operations per k). A function of its own, as $select: V8 swaps in a function's optimized
  ;; code at its next call, so the first pairs of a process's first fit get it.
  (func $updateG (param $qi i32) (param $qj i32) (param $dAi f64) (param $dAj f64) (param $n i32)
    (local $k i32) (local $p i32) (local $o i32) (local $dAiV v128) (local $dAjV v128) (local $gv v128)
    (local $v v128) (local $m v128) (local $idx v128) (local $best v128) (local $bestIdx v128)
    (local $b0 f64) (local $b1 f64) (local $i0 i32) (local $i1 i32) (local $iBest i32) (local $gmax f64) (local $g f64)
    (local.set $dAiV (f64x2.splat (local.get $dAi)))
    (local.set $dAjV (f64x2.splat (local.get $dAj)))
    (local.set $idx (v128.const i64x2 0 1))
    (local.set $best (v128.const f64x2 -inf -inf))
    (local.set $bestIdx (v128.const i64x2 -1 -1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (i32.add (local.get $k) (i32.const 1)) (local.get $n)))
        (local.set $o (i32.shl (local.get $k) (i32.const 3)))
        (local.set $p (i32.add (global.get $g) (local.get $o)))
        (local.set $gv
          (f64x2.add (v128.load (local.get $p))
            (f64x2.add
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $qi) (i32.shl (local.get $k) (i32.const 2))))) (local.get $dAiV))
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $qj) (i32.shl (local.get $k) (i32.const 2))))) (local.get $dAjV)))))
        (v128.store (local.get $p) (local.get $gv))
        ;; $select's first loop on the new values (−y_k·G_k over I_up, the last of the largest)
        (local.set $v (v128.xor (v128.xor (local.get $gv) (v128.load (i32.add (global.get $mflip) (local.get $o))))
                                (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
        (local.set $m (v128.and (v128.load (i32.add (global.get $mup) (local.get $o))) (f64x2.ge (local.get $v) (local.get $best))))
        (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
        (local.set $bestIdx (v128.bitselect (local.get $idx) (local.get $bestIdx) (local.get $m)))
        (local.set $idx (i64x2.add (local.get $idx) (v128.const i64x2 2 2)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $next)))
    (local.set $b0 (f64x2.extract_lane 0 (local.get $best)))
    (local.set $b1 (f64x2.extract_lane 1 (local.get $best)))
    (local.set $i0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $bestIdx))))
    (local.set $i1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $bestIdx))))
    (if (f64.gt (local.get $b1) (local.get $b0))
      (then (local.set $iBest (local.get $i1)) (local.set $gmax (local.get $b1)))
      (else
        (if (f64.gt (local.get $b0) (local.get $b1))
          (then (local.set $iBest (local.get $i0)) (local.set $gmax (local.get $b0)))
          (else
            (if (i32.gt_s (local.get $i1) (local.get $i0))
              (then (local.set $iBest (local.get $i1)) (local.set $gmax (local.get $b1)))
              (else (local.set $iBest (local.get $i0)) (local.set $gmax (local.get $b0))))))))
    ;; an odd n: the last position alone, after every other (so `>=` keeps the sequential order)
    (if (i32.lt_u (local.get $k) (local.get $n))
      (then
        (local.set $o (i32.shl (local.get $k) (i32.const 3)))
        (local.set $p (i32.add (global.get $g) (local.get $o)))
        (local.set $g
          (f64.add (f64.load (local.get $p))
            (f64.add
              (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $qi) (i32.shl (local.get $k) (i32.const 2))))) (local.get $dAi))
              (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $qj) (i32.shl (local.get $k) (i32.const 2))))) (local.get $dAj)))))
        (f64.store (local.get $p) (local.get $g))
        ;; −y_k·G_k
        (local.set $g (f64.reinterpret_i64 (i64.xor (i64.xor (i64.reinterpret_f64 (local.get $g))
          (i64.load (i32.add (global.get $mflip) (local.get $o)))) (i64.const 0x8000000000000000))))
        (if (i32.and (i64.ne (i64.load (i32.add (global.get $mup) (local.get $o))) (i64.const 0))
                     (f64.ge (local.get $g) (local.get $gmax)))
          (then (local.set $iBest (local.get $k)) (local.set $gmax (local.get $g))))))
    (global.set $iNext (local.get $iBest))
    (global.set $gmaxNext (local.get $gmax))
    (global.set $iReady (i32.const 1)))

  ;; Runs the solver from the state of `setup`; returns the iterations (maxIter when it stopped there).
  (func (export "solve") (param $shrinking i32) (param $maxIter i32) (result i32)
    (local $iter i32) (local $counter i32) (local $i i32) (local $j i32) (local $n i32)
    (local $qi i32) (local $qj i32) (local $ci f64) (local $cj f64) (local $oldAi f64) (local $oldAj f64)
    (local $ai f64) (local $aj f64) (local $quad f64) (local $delta f64) (local $diff f64) (local $sum f64)
    (local $dAi f64) (local $dAj f64) (local $upI i32) (local $upJ i32)
    (local.set $counter (i32.add (select (global.get $l) (i32.const 1000) (i32.lt_s (global.get $l) (i32.const 1000))) (i32.const 1)))
    (block $stop
      (loop $iterate
        (br_if $stop (i32.ge_s (local.get $iter) (local.get $maxIter)))
        (local.set $counter (i32.sub (local.get $counter) (i32.const 1)))
        (if (i32.eqz (local.get $counter))
          (then
            (local.set $counter (select (global.get $l) (i32.const 1000) (i32.lt_s (global.get $l) (i32.const 1000))))
            (if (local.get $shrinking) (then (call $shrink)))))
        (if (i32.eqz (call $select))
          (then
            ;; optimal on the active set: check the whole set before stopping
            (call $reconstruct)
            (global.set $n (global.get $l))
            (br_if $stop (i32.eqz (call $select)))
            (local.set $counter (i32.const 1))))
        (local.set $iter (i32.add (local.get $iter) (i32.const 1)))
        (local.set $i (global.get $wi))
        (local.set $j (global.get $wj))
        (local.set $n (global.get $n))
        (local.set $qi (call $row (local.get $i)))
        (local.set $qj (call $row (local.get $j)))
        (local.set $ci (call $C (local.get $i)))
        (local.set $cj (call $C (local.get $j)))
        (local.set $oldAi (call $alpha (local.get $i)))
        (local.set $oldAj (call $alpha (local.get $j)))
        (local.set $ai (local.get $oldAi))
        (local.set $aj (local.get $oldAj))
        (if (i32.ne (call $yOf (local.get $i)) (call $yOf (local.get $j)))
          (then
            (local.set $quad (f64.add (f64.add (call $QD (local.get $i)) (call $QD (local.get $j)))
              (f64.mul (f64.const 2) (f64.promote_f32 (f32.load (i32.add (local.get $qi) (i32.shl (local.get $j) (i32.const 2))))))))
            (if (f64.le (local.get $quad) (f64.const 0)) (then (local.set $quad (f64.const 1e-12))))
            (local.set $delta (f64.div (f64.sub (f64.neg (call $G (local.get $i))) (call $G (local.get $j))) (local.get $quad)))
            (local.set $diff (f64.sub (local.get $ai) (local.get $aj)))
            (local.set $ai (f64.add (local.get $ai) (local.get $delta)))
            (local.set $aj (f64.add (local.get $aj) (local.get $delta)))
            (if (f64.gt (local.get $diff) (f64.const 0))
              (then
                (if (f64.lt (local.get $aj) (f64.const 0))
                  (then (local.set $aj (f64.const 0)) (local.set $ai (local.get $diff)))))
              (else
                (if (f64.lt (local.get $ai) (f64.const 0))
                  (then (local.set $ai (f64.const 0)) (local.set $aj (f64.neg (local.get $diff)))))))
            (if (f64.gt (local.get $diff) (f64.sub (local.get $ci) (local.get $cj)))
              (then
                (if (f64.gt (local.get $ai) (local.get $ci))
                  (then (local.set $ai (local.get $ci)) (local.set $aj (f64.sub (local.get $ci) (local.get $diff))))))
              (else
                (if (f64.gt (local.get $aj) (local.get $cj))
                  (then (local.set $aj (local.get $cj)) (local.set $ai (f64.add (local.get $cj) (local.get $diff))))))))
          (else
            (local.set $quad (f64.sub (f64.add (call $QD (local.get $i)) (call $QD (local.get $j)))
              (f64.mul (f64.const 2) (f64.promote_f32 (f32.load (i32.add (local.get $qi) (i32.shl (local.get $j) (i32.const 2))))))))
            (if (f64.le (local.get $quad) (f64.const 0)) (then (local.set $quad (f64.const 1e-12))))
            (local.set $delta (f64.div (f64.sub (call $G (local.get $i)) (call $G (local.get $j))) (local.get $quad)))
            (local.set $sum (f64.add (local.get $ai) (local.get $aj)))
            (local.set $ai (f64.sub (local.get $ai) (local.get $delta)))
            (local.set $aj (f64.add (local.get $aj) (local.get $delta)))
            (if (f64.gt (local.get $sum) (local.get $ci))
              (then
                (if (f64.gt (local.get $ai) (local.get $ci))
                  (then (local.set $ai (local.get $ci)) (local.set $aj (f64.sub (local.get $sum) (local.get $ci))))))
              (else
                (if (f64.lt (local.get $aj) (f64.const 0))
                  (then (local.set $aj (f64.const 0)) (local.set $ai (local.get $sum))))))
            (if (f64.gt (local.get $sum) (local.get $cj))
              (then
                (if (f64.gt (local.get $aj) (local.get $cj))
                  (then (local.set $aj (local.get $cj)) (local.set $ai (f64.sub (local.get $sum) (local.get $cj))))))
              (else
                (if (f64.lt (local.get $ai) (f64.const 0))
                  (then (local.set $ai (f64.const 0)) (local.set $aj (local.get $sum))))))))
        (call $setAlpha (local.get $i) (local.get $ai))
        (call $setAlpha (local.get $j) (local.get $aj))
        (local.set $dAi (f64.sub (local.get $ai) (local.get $oldAi)))
        (local.set $dAj (f64.sub (local.get $aj) (local.get $oldAj)))
        ;; The statuses (and Gbar) before G, unlike solver.ts: neither reads G, and $updateG then
        ;; finds the next working set's i with the new statuses as it goes.
        (local.set $upI (i32.eq (call $status (local.get $i)) (i32.const 1)))
        (local.set $upJ (i32.eq (call $status (local.get $j)) (i32.const 1)))
        (call $updateStatus (local.get $i))
        (call $updateStatus (local.get $j))
        (call $setMasks (local.get $i))
        (call $setMasks (local.get $j))
        (if (i32.ne (local.get $upI) (i32.eq (call $status (local.get $i)) (i32.const 1)))
          (then (call $addToGbar (local.get $i) (select (f64.neg (local.get $ci)) (local.get $ci) (local.get $upI)))))
        (if (i32.ne (local.get $upJ) (i32.eq (call $status (local.get $j)) (i32.const 1)))
          (then (call $addToGbar (local.get $j) (select (f64.neg (local.get $cj)) (local.get $cj) (local.get $upJ)))))
        (call $updateG (local.get $qi) (local.get $qj) (local.get $dAi) (local.get $dAj) (local.get $n))
        (br $iterate)))
    (local.get $iter))

  ;; ---- the kernel matrix, computed in this memory (see smo-kernel.ts, smoKernelMatrix) ----

  ;; exp(x) with the operations of fdlibm's __ieee754_exp, which V8's Math.exp runs
  ;; (base/ieee754.cc): the same constants (written as their bits), the same steps, so the
  ;; same double. Checked against Math.exp by test/svc-smo-wasm.test.ts.
  (func $exp (export "exp") (param $x f64) (result f64)
    (local $hx i32) (local $xsb i32) (local $k i32) (local $hi f64) (local $lo f64) (local $t f64)
    (local $c f64) (local $y f64) (local $twopk f64) (local $bits i64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (local.set $xsb (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    ;; |x| >= 709.78...: not finite, overflow, underflow
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42))
      (then
        (if (i32.ge_u (local.get $hx) (i32.const 0x7FF00000))
          (then
            (if (i64.ne (i64.and (local.get $bits) (i64.const 0x000FFFFFFFFFFFFF)) (i64.const 0))
              (then (return (f64.add (local.get $x) (local.get $x)))))
            (return (select (local.get $x) (f64.const 0) (i32.eqz (local.get $xsb))))))
        (if (f64.gt (local.get $x) (f64.reinterpret_i64 (i64.const 0x40862E42FEFA39EF)))
          (then (return (f64.const inf))))
        (if (f64.lt (local.get $x) (f64.reinterpret_i64 (i64.const 0xC0874910D52D3051)))
          (then (return (f64.const 0))))))
    ;; argument reduction
    (if (i32.gt_u (local.get $hx) (i32.const 0x3FD62E42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            (if (f64.eq (local.get $x) (f64.const 1))
              (then (return (f64.reinterpret_i64 (i64.const 0x4005BF0A8B145769)))))
            (if (local.get $xsb)
              (then
                (local.set $hi (f64.sub (local.get $x) (f64.reinterpret_i64 (i64.const 0xBFE62E42FEE00000))))
                (local.set $lo (f64.reinterpret_i64 (i64.const 0xBDEA39EF35793C76)))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.reinterpret_i64 (i64.const 0x3FE62E42FEE00000))))
                (local.set $lo (f64.reinterpret_i64 (i64.const 0x3DEA39EF35793C76)))
                (local.set $k (i32.const 1)))))
          (else
            ;; (int)(invln2·x ± 0.5), truncated toward zero
            (local.set $k (i32.trunc_f64_s
              (f64.add (f64.mul (f64.reinterpret_i64 (i64.const 0x3FF71547652B82FE)) (local.get $x))
                       (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.reinterpret_i64 (i64.const 0x3FE62E42FEE00000)))))
            (local.set $lo (f64.mul (local.get $t) (f64.reinterpret_i64 (i64.const 0x3DEA39EF35793C76))))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        ;; |x| < 2^-28: 1 + x
        (if (i32.lt_u (local.get $hx) (i32.const 0x3E300000))
          (then (return (f64.add (f64.const 1) (local.get $x)))))))
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $c (f64.sub (local.get $x)
      (f64.mul (local.get $t)
        (f64.add (f64.reinterpret_i64 (i64.const 0x3FC555555555553E))
          (f64.mul (local.get $t)
            (f64.add (f64.reinterpret_i64 (i64.const 0xBF66C16C16BEBD93))
              (f64.mul (local.get $t)
                (f64.add (f64.reinterpret_i64 (i64.const 0x3F11566AAF25DE2C))
                  (f64.mul (local.get $t)
                    (f64.add (f64.reinterpret_i64 (i64.const 0xBEBBBD41C5D26BF1))
                      (f64.mul (local.get $t) (f64.reinterpret_i64 (i64.const 0x3E66376972BEA4D0)))))))))))))
    (if (i32.eqz (local.get $k))
      (then
        (return (f64.sub (f64.const 1)
          (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2))) (local.get $x))))))
    (local.set $y (f64.sub (f64.const 1)
      (f64.sub (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c))))
               (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021))
      (then
        (if (i32.eq (local.get $k) (i32.const 1024))
          (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.reinterpret_i64 (i64.const 0x7FE0000000000000))))))
        (return (f64.mul (local.get $y)
          (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3FF00000) (i32.shl (local.get $k) (i32.const 20)))) (i64.const 32)))))))
    (f64.mul (f64.mul (local.get $y)
               (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3FF00000) (i32.shl (i32.add (local.get $k) (i32.const 1000)) (i32.const 20)))) (i64.const 32))))
             (f64.reinterpret_i64 (i64.const 0x0170000000000000))))

  ;; $exp on two values at once, for the lanes fdlibm reduces in one way or another without
  ;; a special case: 2^-28 <= |x| < 707 and x != 1 (else both lanes go to $exp). fdlibm's three
  ;; reductions are one formula with t = 0 (|x| < 0.5·ln2: hi = x, lo = 0), t = ±1
  ;; (|x| < 1.5·ln2) or t = (int)(x/ln2 ± 0.5): hi = x − t·ln2HI, lo = t·ln2LO (t·ln2HI is
  ;; exact), and its k = 0 result 1 − (x·c/(c − 2) − x) is 1 − ((0 − q) − hi) with
  ;; q = x·c/(2 − c), exactly; 2^k is 1 for k = 0. So each lane gets $exp's bits.
  (func $exp2 (param $x v128) (result v128)
    (local $ax v128) (local $t v128) (local $hi v128) (local $lo v128) (local $xr v128) (local $tt v128)
    (local $c v128) (local $q v128) (local $y v128) (local $k v128) (local $safe v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (local.set $safe (v128.and
      (v128.and (f64x2.ge (local.get $ax) (v128.const i64x2 0x3E30000000000000 0x3E30000000000000))
                (f64x2.lt (local.get $ax) (v128.const f64x2 707 707)))
      (f64x2.ne (local.get $x) (v128.const f64x2 1 1))))
    (if (i32.eqz (i64x2.all_true (local.get $safe)))
      (then
        (return (f64x2.replace_lane 1
          (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $x))))
          (call $exp (f64x2.extract_lane 1 (local.get $x)))))))
    ;; t: (int)(invln2·x ± 0.5) where |x| >= 1.5·ln2 (high word >= 0x3FF0A2B2), else ±1 where
    ;; |x| > 0.5·ln2 (high word > 0x3FD62E42), else 0
    (local.set $t (f64x2.convert_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero
      (f64x2.add (f64x2.mul (v128.const i64x2 0x3FF71547652B82FE 0x3FF71547652B82FE) (local.get $x))
                 (v128.or (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
                          (v128.const f64x2 0.5 0.5))))))
    (local.set $t (v128.bitselect (local.get $t)
      (v128.or (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)) (v128.const f64x2 1 1))
      (f64x2.ge (local.get $ax) (v128.const i64x2 0x3FF0A2B200000000 0x3FF0A2B200000000))))
    (local.set $t (v128.and (local.get $t)
      (f64x2.ge (local.get $ax) (v128.const i64x2 0x3FD62E4300000000 0x3FD62E4300000000))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $t) (v128.const i64x2 0x3FE62E42FEE00000 0x3FE62E42FEE00000))))
    (local.set $lo (f64x2.mul (local.get $t) (v128.const i64x2 0x3DEA39EF35793C76 0x3DEA39EF35793C76)))
    (local.set $xr (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $tt (f64x2.mul (local.get $xr) (local.get $xr)))
    (local.set $c (f64x2.sub (local.get $xr)
      (f64x2.mul (local.get $tt)
        (f64x2.add (v128.const i64x2 0x3FC555555555553E 0x3FC555555555553E)
          (f64x2.mul (local.get $tt)
            (f64x2.add (v128.const i64x2 0xBF66C16C16BEBD93 0xBF66C16C16BEBD93)
              (f64x2.mul (local.get $tt)
                (f64x2.add (v128.const i64x2 0x3F11566AAF25DE2C 0x3F11566AAF25DE2C)
                  (f64x2.mul (local.get $tt)
                    (f64x2.add (v128.const i64x2 0xBEBBBD41C5D26BF1 0xBEBBBD41C5D26BF1)
                      (f64x2.mul (local.get $tt) (v128.const i64x2 0x3E66376972BEA4D0 0x3E66376972BEA4D0))))))))))))
    (local.set $q (f64x2.div (f64x2.mul (local.get $xr) (local.get $c)) (f64x2.sub (v128.const f64x2 2 2) (local.get $c))))
    (local.set $y (f64x2.sub (v128.const f64x2 1 1) (f64x2.sub (f64x2.sub (local.get $lo) (local.get $q)) (local.get $hi))))
    ;; 2^k from k = t, |k| <= 1020
    (local.set $k (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $t))))
    (f64x2.mul (local.get $y)
      (i64x2.add (i64x2.shl (local.get $k) (i32.const 52)) (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000))))

  ;; For the tests: $exp2 on n values (n even) at byte $at, in place.
  (func (export "exp2Array") (param $at i32) (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (v128.store (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3)))
          (call $exp2 (v128.load (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next))))

  ;; dot-block.wat's dotBlock with four rows of a against two of b where four are left (eight
  ;; sums in flight, six loads for eight products instead of four for four): each dot product
  ;; is still summed as dotBlock sums it, even and odd coordinates in two lanes added at the
  ;; end, so the same bits. out[i·outRow + j] = a_i · b_j; nA, nB, d even.
  (func $dotBlock
    (param $a i32) (param $nA i32) (param $b i32) (param $nB i32) (param $d i32) (param $out i32) (param $outRow i32)
    (local $i i32) (local $j i32) (local $c i32) (local $stride i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $b0 i32) (local $b1 i32) (local $o i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $y0 v128) (local $y1 v128)
    (local $rowOut i32)
    (local.set $stride (i32.shl (local.get $d) (i32.const 3)))
    (local.set $rowOut (i32.shl (local.get $outRow) (i32.const 3)))
    (block $iDone
      (loop $iLoop
        (br_if $iDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $nA)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $stride)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $stride)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $stride)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $nB)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $stride))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $stride)))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0))
            (local.set $s20 (v128.const i64x2 0 0))
            (local.set $s21 (v128.const i64x2 0 0))
            (local.set $s30 (v128.const i64x2 0 0))
            (local.set $s31 (v128.const i64x2 0 0))
            (local.set $c (i32.const 0))
            (block $cDone
              (loop $cLoop
                (br_if $cDone (i32.ge_u (local.get $c) (local.get $stride)))
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $c))))
                (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $c))))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $c))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y1))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $c))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y1))))
                (local.set $x2 (v128.load (i32.add (local.get $a2) (local.get $c))))
                (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x2) (local.get $y0))))
                (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $x2) (local.get $y1))))
                (local.set $x3 (v128.load (i32.add (local.get $a3) (local.get $c))))
                (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x3) (local.get $y0))))
                (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $x3) (local.get $y1))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $cLoop)))
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $outRow)) (local.get $j)) (i32.const 3))))
            (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
            (local.set $o (i32.add (local.get $o) (local.get $rowOut)))
            (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
            (local.set $o (i32.add (local.get $o) (local.get $rowOut)))
            (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s20)) (f64x2.extract_lane 1 (local.get $s20))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s21)) (f64x2.extract_lane 1 (local.get $s21))))
            (local.set $o (i32.add (local.get $o) (local.get $rowOut)))
            (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s30)) (f64x2.extract_lane 1 (local.get $s30))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s31)) (f64x2.extract_lane 1 (local.get $s31))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $jLoop)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $iLoop)))
    ;; two rows left
    (if (i32.lt_u (local.get $i) (local.get $nA))
      (then
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $stride)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $nB)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $stride))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $stride)))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0))
            (local.set $c (i32.const 0))
            (block $cDone
              (loop $cLoop
                (br_if $cDone (i32.ge_u (local.get $c) (local.get $stride)))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $c))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $c))))
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $c))))
                (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $c))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y1))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y1))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $cLoop)))
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $outRow)) (local.get $j)) (i32.const 3))))
            (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
            (local.set $o (i32.add (local.get $o) (local.get $rowOut)))
            (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $jLoop))))))

  ;; The n × n kernel matrix (f32, row-major, at $kAt) of the rows at $xAt (f64, nEven rows of
  ;; `stride` values, zero-padded), as kernel-rows.ts's kernelMatrix computes it: blocks of
  ;; `block` rows (even) against the rows from the block's first on, the upper half written
  ;; out, the lower half mirrored. rbf (kind 0): exp(−γ·max(0, ‖a‖² + ‖b‖² − 2·a·b)) with the
  ;; norms at $normsAt; linear (kind 1): a·b. $dotsAt: room for block × nEven f64.
  ;; The work goes in many short calls (four rows of dot products, one row of values, one row
  ;; of the mirror): V8 first runs a module on its baseline compiler and swaps a function for
  ;; its optimized code at its next call, so a process's first matrix gets the optimized code
  ;; part way through instead of after it.
  (func (export "kernelMatrix")
    (param $n i32) (param $stride i32) (param $block i32) (param $xAt i32) (param $normsAt i32)
    (param $dotsAt i32) (param $kAt i32) (param $kind i32) (param $gamma f64)
    (local $nEven i32) (local $i0 i32) (local $rows i32) (local $rowsEven i32) (local $cols i32) (local $r i32)
    (local $i i32) (local $j i32) (local $end i32) (local $rowAt i32) (local $negGamma f64) (local $nA i32)
    (local.set $nEven (i32.add (local.get $n) (i32.and (local.get $n) (i32.const 1))))
    (local.set $negGamma (f64.neg (local.get $gamma)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $i0) (local.get $n)))
        (local.set $rows (i32.sub (local.get $n) (local.get $i0)))
        (if (i32.gt_u (local.get $rows) (local.get $block)) (then (local.set $rows (local.get $block))))
        (local.set $rowsEven (i32.add (local.get $rows) (i32.and (local.get $rows) (i32.const 1))))
        ;; dot(i0 + r, i0 + c) at dots[r · cols + c]
        (local.set $cols (i32.sub (local.get $nEven) (local.get $i0)))
        (local.set $rowAt (i32.add (local.get $xAt) (i32.shl (i32.mul (local.get $i0) (local.get $stride)) (i32.const 3))))
        (local.set $r (i32.const 0))
        (block $dDone
          (loop $dLoop
            (br_if $dDone (i32.ge_u (local.get $r) (local.get $rowsEven)))
            (local.set $nA (i32.sub (local.get $rowsEven) (local.get $r)))
            (if (i32.gt_u (local.get $nA) (i32.const 4)) (then (local.set $nA (i32.const 4))))
            ;; rows i0 + r .. against the rows from i0 + r on: the columns before are never read
            (call $dotBlock
              (i32.add (local.get $rowAt) (i32.shl (i32.mul (local.get $r) (local.get $stride)) (i32.const 3)))
              (local.get $nA)
              (i32.add (local.get $rowAt) (i32.shl (i32.mul (local.get $r) (local.get $stride)) (i32.const 3)))
              (i32.sub (local.get $cols) (local.get $r)) (local.get $stride)
              (i32.add (local.get $dotsAt) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $r)) (i32.const 3)))
              (local.get $cols))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $dLoop)))
        ;; the upper half: row i from its diagonal on
        (local.set $r (i32.const 0))
        (block $rDone
          (loop $rLoop
            (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $i (i32.add (local.get $i0) (local.get $r)))
            (call $kernelRow
              (i32.add (local.get $kAt) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $i)) (i32.const 2)))
              (i32.add (local.get $dotsAt) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $r)) (i32.const 3)))
              (i32.add (local.get $normsAt) (i32.shl (local.get $i) (i32.const 3)))
              (i32.sub (local.get $n) (local.get $i))
              (f64.load (i32.add (local.get $normsAt) (i32.shl (local.get $i) (i32.const 3))))
              (local.get $kind) (local.get $negGamma))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rLoop)))
        ;; the mirrored half: K[j][i0 + r] = K[i0 + r][j] for i0 + r < j
        (local.set $j (i32.add (local.get $i0) (i32.const 1)))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $end (i32.sub (local.get $j) (local.get $i0)))
            (if (i32.gt_u (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
            (call $mirrorRow
              (i32.add (local.get $kAt) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $n)) (local.get $i0)) (i32.const 2)))
              (i32.add (local.get $kAt) (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $n)) (local.get $j)) (i32.const 2)))
              (local.get $end) (i32.shl (local.get $n) (i32.const 2)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jLoop)))
        (local.set $i0 (i32.add (local.get $i0) (local.get $block)))
        (br $blocks))))

  ;; dst[c] = K(dots[c], na, norms[c]) as f32 for c < count (norms: the column rows' norms).
  (func $kernelRow (param $dst i32) (param $src i32) (param $norms i32) (param $count i32) (param $na f64)
    (param $kind i32) (param $negGamma f64)
    (local $c i32)
    (if (local.get $kind)
      (then
        (block $cDone
          (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $count)))
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2)))
              (f32.demote_f64 (f64.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 3))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cLoop)))
        (return)))
    ;; two values at a time (see $exp2), the last one alone
    (block $vDone
      (loop $vLoop
        (br_if $vDone (i32.ge_u (i32.add (local.get $c) (i32.const 1)) (local.get $count)))
        ;; −γ · max(0, (‖a‖² + ‖b‖²) − 2·a·b), as the JavaScript evaluates it
        (v128.store64_lane 0 (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2)))
          (f32x4.demote_f64x2_zero (call $exp2 (f64x2.mul (f64x2.splat (local.get $negGamma))
            (f64x2.max (v128.const f64x2 0 0)
              (f64x2.sub
                (f64x2.add (f64x2.splat (local.get $na))
                  (v128.load (i32.add (local.get $norms) (i32.shl (local.get $c) (i32.const 3)))))
                (f64x2.mul (v128.const f64x2 2 2) (v128.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 3)))))))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $vLoop)))
    (if (i32.lt_u (local.get $c) (local.get $count))
      (then
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2)))
          (f32.demote_f64 (call $exp (f64.mul (local.get $negGamma)
            (f64.max (f64.const 0)
              (f64.sub
                (f64.add (local.get $na) (f64.load (i32.add (local.get $norms) (i32.shl (local.get $c) (i32.const 3)))))
                (f64.mul (f64.const 2) (f64.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 3))))))))))))))

  ;; dst[r] = src[r · rowBytes / 4] for r < count (a column of K into a row).
  (func $mirrorRow (param $dst i32) (param $src i32) (param $count i32) (param $rowBytes i32)
    (local $r i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))) (i32.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next))))

  ;; ---- prediction: the one-vs-one decision sums (see svm/decision-values.ts) ----

  ;; Adds to the sums of nQ queries (f64, rows of `sumsRow` at $sumsAt) the terms of the support
  ;; vectors [from, from + width) whose kernel values are at $kAt (f64, nQ × width): for each
  ;; class c, its vectors' terms go to the R = even(nClasses − 1) sums listed at
  ;; pairOf[c·R .. c·R + R) (i32 positions in a row; padding lanes name a spare slot), with the
  ;; coefficients coefT[s·R + r] (f64). Class by class in order, and in a class vector by
  ;; vector, so that each sum gets its terms in libsvm's order (class i's, then class j's):
  ;; the same bits as ovo.ts's addDecisionTerms. seg: each class's [lo, hi) within the range.
  ;; Lanes are two sums; four pairs of lanes at a time keep eight sums in flight.
  (func (export "decisionTerms") (param $kAt i32) (param $nQ i32) (param $width i32) (param $from i32)
    (param $coefAt i32) (param $R i32) (param $pairAt i32) (param $segAt i32) (param $nClasses i32)
    (param $sumsAt i32) (param $sumsRow i32)
    (local $q i32) (local $c i32) (local $lo i32) (local $hi i32) (local $g i32) (local $kq i32) (local $srow i32)
    (local $pc i32) (local $s i32) (local $cs i32) (local $kv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (block $qDone
      (loop $qLoop
        (br_if $qDone (i32.ge_u (local.get $q) (local.get $nQ)))
        ;; K of vector s for query q at kq + 8·s
        (local.set $kq (i32.sub (i32.add (local.get $kAt) (i32.shl (i32.mul (local.get $q) (local.get $width)) (i32.const 3)))
                                (i32.shl (local.get $from) (i32.const 3))))
        (local.set $srow (i32.add (local.get $sumsAt) (i32.shl (i32.mul (local.get $q) (local.get $sumsRow)) (i32.const 3))))
        (local.set $c (i32.const 0))
        (block $cDone
          (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $nClasses)))
            (local.set $lo (i32.load (i32.add (local.get $segAt) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $hi (i32.load offset=4 (i32.add (local.get $segAt) (i32.shl (local.get $c) (i32.const 3)))))
            (if (i32.lt_s (local.get $lo) (local.get $hi))
              (then
                (local.set $pc (i32.add (local.get $pairAt) (i32.shl (i32.mul (local.get $c) (local.get $R)) (i32.const 2))))
                (local.set $g (i32.const 0))
                ;; eight lanes at a time
                (block $g4Done
                  (loop $g4Loop
                    (br_if $g4Done (i32.gt_u (i32.add (local.get $g) (i32.const 8)) (local.get $R)))
                    (local.set $a0 (call $gather2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (local.get $g) (i32.const 2)))))
                    (local.set $a1 (call $gather2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (i32.add (local.get $g) (i32.const 2)) (i32.const 2)))))
                    (local.set $a2 (call $gather2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (i32.add (local.get $g) (i32.const 4)) (i32.const 2)))))
                    (local.set $a3 (call $gather2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (i32.add (local.get $g) (i32.const 6)) (i32.const 2)))))
                    (local.set $s (local.get $lo))
                    (block $sDone
                      (loop $sLoop
                        (br_if $sDone (i32.ge_s (local.get $s) (local.get $hi)))
                        (local.set $kv (v128.load64_splat (i32.add (local.get $kq) (i32.shl (local.get $s) (i32.const 3)))))
                        (local.set $cs (i32.add (local.get $coefAt)
                          (i32.shl (i32.add (i32.mul (local.get $s) (local.get $R)) (local.get $g)) (i32.const 3))))
                        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $cs)) (local.get $kv))))
                        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $cs)) (local.get $kv))))
                        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $cs)) (local.get $kv))))
                        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $cs)) (local.get $kv))))
                        (local.set $s (i32.add (local.get $s) (i32.const 1)))
                        (br $sLoop)))
                    (call $scatter2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (local.get $g) (i32.const 2))) (local.get $a0))
                    (call $scatter2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (i32.add (local.get $g) (i32.const 2)) (i32.const 2))) (local.get $a1))
                    (call $scatter2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (i32.add (local.get $g) (i32.const 4)) (i32.const 2))) (local.get $a2))
                    (call $scatter2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (i32.add (local.get $g) (i32.const 6)) (i32.const 2))) (local.get $a3))
                    (local.set $g (i32.add (local.get $g) (i32.const 8)))
                    (br $g4Loop)))
                ;; two lanes at a time for the rest
                (block $gDone
                  (loop $gLoop
                    (br_if $gDone (i32.ge_u (local.get $g) (local.get $R)))
                    (local.set $a0 (call $gather2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (local.get $g) (i32.const 2)))))
                    (local.set $s (local.get $lo))
                    (block $sDone
                      (loop $sLoop
                        (br_if $sDone (i32.ge_s (local.get $s) (local.get $hi)))
                        (local.set $a0 (f64x2.add (local.get $a0)
                          (f64x2.mul
                            (v128.load (i32.add (local.get $coefAt)
                              (i32.shl (i32.add (i32.mul (local.get $s) (local.get $R)) (local.get $g)) (i32.const 3))))
                            (v128.load64_splat (i32.add (local.get $kq) (i32.shl (local.get $s) (i32.const 3)))))))
                        (local.set $s (i32.add (local.get $s) (i32.const 1)))
                        (br $sLoop)))
                    (call $scatter2 (local.get $srow) (i32.add (local.get $pc) (i32.shl (local.get $g) (i32.const 2))) (local.get $a0))
                    (local.set $g (i32.add (local.get $g) (i32.const 2)))
                    (br $gLoop)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cLoop)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $qLoop))))

  ;; The sums at the two positions listed at $list (i32) of the row at $row, as one vector.
  (func $gather2 (param $row i32) (param $list i32) (result v128)
    (f64x2.replace_lane 1
      (f64x2.splat (f64.load (i32.add (local.get $row) (i32.shl (i32.load (local.get $list)) (i32.const 3)))))
      (f64.load (i32.add (local.get $row) (i32.shl (i32.load offset=4 (local.get $list)) (i32.const 3))))))
  (func $scatter2 (param $row i32) (param $list i32) (param $v v128)
    (f64.store (i32.add (local.get $row) (i32.shl (i32.load (local.get $list)) (i32.const 3))) (f64x2.extract_lane 0 (local.get $v)))
    (f64.store (i32.add (local.get $row) (i32.shl (i32.load offset=4 (local.get $list)) (i32.const 3))) (f64x2.extract_lane 1 (local.get $v))))

  ;; The RBF kernel of prediction, in place on a block of dot products (f64, rows × width at
  ;; $at): K = exp(−γ·max(0, ‖a_q‖² + ‖b_j‖² − 2·K)) with the rows' norms at $normsA and the
  ;; columns' at $normsB, as kernels.ts's applyKernel computes it (in double, not rounded).
  (func (export "rbfBlock") (param $at i32) (param $rows i32) (param $width i32) (param $normsA i32)
    (param $normsB i32) (param $negGamma f64)
    (local $q i32) (local $j i32) (local $p i32) (local $na f64) (local $naV v128) (local $gV v128)
    (local.set $gV (f64x2.splat (local.get $negGamma)))
    (block $qDone
      (loop $qLoop
        (br_if $qDone (i32.ge_u (local.get $q) (local.get $rows)))
        (local.set $na (f64.load (i32.add (local.get $normsA) (i32.shl (local.get $q) (i32.const 3)))))
        (local.set $naV (f64x2.splat (local.get $na)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $width)))
            (local.set $p (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $p)
              (call $exp2 (f64x2.mul (local.get $gV)
                (f64x2.max (v128.const f64x2 0 0)
                  (f64x2.sub
                    (f64x2.add (local.get $naV) (v128.load (i32.add (local.get $normsB) (i32.shl (local.get $j) (i32.const 3)))))
                    (f64x2.mul (v128.const f64x2 2 2) (v128.load (local.get $p))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $jLoop)))
        (if (i32.lt_u (local.get $j) (local.get $width))
          (then
            (local.set $p (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $p)
              (call $exp (f64.mul (local.get $negGamma)
                (f64.max (f64.const 0)
                  (f64.sub
                    (f64.add (local.get $na) (f64.load (i32.add (local.get $normsB) (i32.shl (local.get $j) (i32.const 3)))))
                    (f64.mul (f64.const 2) (f64.load (local.get $p))))))))))
        (local.set $at (i32.add (local.get $at) (i32.shl (local.get $width) (i32.const 3))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $qLoop))))
)
